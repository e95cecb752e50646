package config

// defaultConfigText is pantau.toml as `pantau init` writes it. A test checks
// that it decodes to exactly Default.
const defaultConfigText = `# pantau.toml — Pantau's schedule and settings.
# Edit, then check with "pantau status" (it shows the next run of each job)
# and restart the daemon ("systemctl restart pantau"). Unknown keys are errors.

# Time zone the cron specs below are read in (IANA name). Maluku uses WIT,
# "Asia/Jayapura" (UTC+9); there is no "Asia/Ambon".
time_zone = "Asia/Jayapura"

# Cron specs: 5 fields "minute hour day-of-month month day-of-week"
# (e.g. "*/5 * * * *" every 5 minutes, "0 7 11 * *" 07:00 on the 11th,
# "0 8 * * 1" Mondays 08:00), or a descriptor such as "@daily" or "@every 10m".
# A 6-field spec with a leading seconds field ("*/2 * * * * *") is accepted
# for tests and demos only. Set disabled = true to switch a job off.
# After downtime the daemon runs each job once whose time passed while it was
# down, and the report job once for every missed month (see max_catch_up).

[jobs.ingest]
# Scan inbox/<agency>/ for new uploads: lake, receipts in outbox/, archive.
spec = "*/5 * * * *"

[jobs.report]
# The monthly report of the previous month, after the upload deadline
# (deadline_day below), plus every month whose uploads changed since it was
# reported (those are regenerated and marked revised).
spec = "0 7 11 * *"

[jobs.reminder]
# A note (pengingat-<YYYY-MM>.txt) in outbox/<agency>/ for each agency late
# or missing an expected upload of the last month past its deadline, and a
# summary for the operator in state/pengingat-<YYYY-MM>.txt.
spec = "0 8 * * 1"

[ingest]
workers = 2             # files read in parallel
stable_seconds = 30     # a file is read once its size and time held this long (still being copied otherwise)
max_file_mb = 50        # larger files are rejected unread
max_bad_share = 0.10    # more rejected rows than this share (0.10 = 10%) rejects the whole file…
min_bad_rows = 3        # …when at least this many rows are rejected (1 or 2 typos never cost a small file its good rows)
# A month of one agency and kind may come in several files. A file named (or
# titled) "revisi", "perbaikan", "pengganti" or "koreksi" replaces the month's
# current files; "tambahan" or "susulan" is added to them. Otherwise its rows
# decide, by the kind's row key (pegawai: NIP; kehadiran: NIP, training, dates;
# evaluasi: NIP, period; survei: the whole response):
replace_share = 0.9     # it holds at least this share of the month's current rows: a cumulative or corrected copy, it replaces them
add_share = 0.0         # at most this share of its own rows are already current: it is added (those rows rejected as repeats);
                        # in between, the file is held back and its receipt says how to rename it
max_rows = 1000000      # rows per file
max_unzip_mb = 1024     # xlsx zip-bomb limits
max_xml_mb = 256

[report]
max_catch_up = 3          # after downtime, report at most this many missed months (the newest)
target_jp = 20            # annual training duty in JP (jam pelajaran)
on_track_threshold = 0.50 # districts with a lower on-track share are flagged for attention
gap_points = 0.10         # ... or more than this (10 percentage points) below the province
followup_days = 180       # training within this many days after a poor evaluation counts as follow-up
deadline_day = 10         # uploads for a month are due by this day of the next month, 23:59:59 WIT
stale_months = 12         # a staff roster older than this is flagged stale
lang = "id"               # report language: "id" or "en"
pdf = false               # also print each report to PDF (needs chromium)

[serve]
listen = "127.0.0.1:8080"  # pantau serve listens here; put a TLS reverse proxy in front (README)
public_url = ""            # the address people open, e.g. "https://pantau.example.go.id"; https makes cookies Secure
session_hours = 12         # a login lasts this long
max_files = 10             # files in one upload, each at most ingest.max_file_mb
login_attempts = 5         # failed logins of one account before a pause (4x that from one address)
login_window_minutes = 15  # the pause, and the window failures are counted in
in_daemon = false          # pantau daemon also serves the web pages
`

// DefaultText is the commented pantau.toml that `pantau init` writes;
// it decodes to Default.
func DefaultText() string { return defaultConfigText }
