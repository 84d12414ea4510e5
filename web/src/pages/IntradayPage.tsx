export function IntradayPage() {
  return <h1>Intraday</h1>;
}
