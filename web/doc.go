// Package web is Pantau's web front door (`pantau serve`): one more way
// into the same inbox and out of the same reports, for agencies without a
// file share and leaders on a phone.
//
// Agencies (an account bound to one agency code) upload workbooks, see at
// once what their receipt will say — checked with the same code as
// `pantau validate` — and the file is then placed in inbox/<agency>/ by
// temp name and rename, exactly as a dropped file, so the ingest job, its
// receipts, ledger and crash safety apply unchanged. They also see their
// upload history and receipts, templates, what is still due this month and
// their own staff list. Leaders read the report files `pantau report`
// wrote; operators see what `pantau status` prints.
//
// Every handler checks the role, and an agency's pages only ever read that
// agency's ledger entries and folders: what is not yours answers 404, as
// if it did not exist. Pages are small server-rendered HTML (html/template)
// with one stylesheet and one optional script (drag and drop, a progress
// bar); they work without it.
package web
