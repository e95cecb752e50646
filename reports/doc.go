// Package reports renders the metric tables for people: the monthly HTML
// report for leadership (go-echarts charts with ECharts inlined, offline),
// the report index, the Excel summary for planners, agency lists of staff
// not on track, and PDF printing through headless Chromium. One output
// format per file; text in Indonesian by default, English on request.
package reports
