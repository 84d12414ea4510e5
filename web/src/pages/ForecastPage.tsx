export function ForecastPage() {
  return <h1>Forecast</h1>;
}
