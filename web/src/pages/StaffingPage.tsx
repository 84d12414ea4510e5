export function StaffingPage() {
  return <h1>Staffing</h1>;
}
