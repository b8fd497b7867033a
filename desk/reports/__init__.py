"""Reports a desk is judged by (issue 13): figures (Qt-free) and their PDF / XLSX renderings.

- `figures`: the shared rules and portable SQL: `period_report(query, date_from, date_to, now, …)` →
  `PeriodReport` (fields → procedures → `Counts`), `indicators(report)`, chart series. The district runs the
  same function over its own table (district/report_data.py).
- `desk_data`: the desk's figures from its Store: `period`, `day_summary`, `overdue`, series.
- `render`: `period_pdf` / `period_xlsx`, `indicators_*`, `overdue_*`, `day_*` → bytes; they take a
  `Heading` (agency, unit, place) so the district renders with the same code.
- `service.export(desk, kind, date_from, date_to, path)`: what `desk report` and the window call.
"""
