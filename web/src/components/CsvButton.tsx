import { downloadCsv, toCsv, type Cell } from '../lib/csv.ts';

/** "Export CSV" of exactly what a table or chart shows. */
export function CsvButton({ fileName, header, rows, label = 'Export CSV' }: { fileName: string; header: readonly string[]; rows: () => readonly (readonly Cell[])[]; label?: string }) {
  return (
    <button type="button" className="no-print" onClick={() => downloadCsv(fileName, toCsv(header, rows()))}>
      {label}
    </button>
  );
}
