// Package auth holds the accounts, sessions, login throttle and audit log of
// pantau serve, the web front door where agencies upload files and leaders
// read reports.
//
// The accounts live in one JSON file (state/users.json) that the operator's
// CLI (pantau user) and the running server share: Store takes an exclusive
// flock for every change and rewrites the file atomically, and re-reads it
// whenever it changed, so a change made by one process is seen by the other
// on its next call. Passwords are stored as argon2id hashes in the PHC
// string format. Sessions and the throttle are in memory only; the audit log
// is an append-only file of JSON lines.
package auth
