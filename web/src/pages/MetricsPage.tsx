export function MetricsPage() {
  return <h1>Metrics</h1>;
}
