#!/bin/sh
# A consistent copy of the district database with pg_dump (custom format: pg_restore can restore all of
# it or one table), then old copies pruned. Run by motcua-district-backup.timer every night; by hand:
#   systemctl start motcua-district-backup && journalctl -u motcua-district-backup -n 5
# Restore: docs/guide/quan-tri-huyen.md, "Sao lưu và khôi phục".
set -eu
: "${DISTRICT_DATABASE_URL:?DISTRICT_DATABASE_URL is not set}"
dir="${DISTRICT_BACKUP_DIR:-/var/backups/motcua-district}"
keep="${DISTRICT_BACKUP_KEEP_DAYS:-30}"
mkdir -p "$dir"
# libpq does not know SQLAlchemy's driver suffix.
url=$(printf '%s' "$DISTRICT_DATABASE_URL" | sed 's#^postgresql+psycopg://#postgresql://#')
target="$dir/district-$(date +%Y%m%d-%H%M%S).dump"
pg_dump --format=custom --no-owner --file="$target.part" "$url"
mv "$target.part" "$target"  # a copy cut short never looks like a backup
find "$dir" -name 'district-*.dump' -type f -mtime +"$keep" -delete
echo "$target"
