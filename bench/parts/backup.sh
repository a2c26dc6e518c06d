# Part "backup": `keys backup` and `keys restore` of 10,000 keys: wall, CPU and peak memory (/usr/bin/time).
part_backup() {
  local f="$OUT/backup.md" n="${BACKUP_KEYS:-10000}" src="$WORK/backup-src" seed i
  need jq jq
  [[ -x /usr/bin/time ]] || need time time
  seed="$(seed_key)"
  rm -rf "$src"
  "$ROOT/bench/lib/mktrust" "$seed" "$src" "$n"
  md "$f" "## Backup and restore of $n keys" "" \
    "\`/usr/bin/time -f '%e %U %S %M'\`, $ROUNDS runs each, median. The archive is a fresh file each run; restore" \
    "goes into an empty trust directory. \`tar czf\` of the same directory is the floor for comparison (Notary has" \
    "no backup command)." "" \
    "| operation | wall | user | sys | peak RSS | load before → after |" "|---|---:|---:|---:|---:|---|"
  local op l0
  for op in backup restore tar; do
    l0="$(load)"
    : >"$WORK/$op.times"
    for ((i = 1; i <= ROUNDS; i++)); do
      case $op in
        backup) rm -f "$WORK/b.tar.gz"; timed "backup.$i" "$KEYS" -d "$src" backup -o "$WORK/b.tar.gz" >>"$WORK/$op.times" ;;
        restore) rm -rf "$WORK/restored"; timed "restore.$i" "$KEYS" -d "$WORK/restored" restore "$WORK/b.tar.gz" >>"$WORK/$op.times" ;;
        tar) rm -f "$WORK/t.tar.gz"; timed "tar.$i" tar czf "$WORK/t.tar.gz" -C "$src" private >>"$WORK/$op.times" ;;
      esac
    done
    if [[ $op == restore ]]; then
      [[ $(find "$WORK/restored/private" -name '*.key' | wc -l) -eq $n ]] || die "restore did not restore $n keys"
    fi
    local label
    case $op in
      backup) label="keys backup -o FILE" ;;
      restore) label="keys restore FILE" ;;
      tar) label="tar czf (floor)" ;;
    esac
    local rss_kb; rss_kb="$(cut -d' ' -f4 "$WORK/$op.times" | median)"
    md "$f" "| $label | $(cut -d' ' -f1 "$WORK/$op.times" | median) s | $(cut -d' ' -f2 "$WORK/$op.times" | median) s | $(cut -d' ' -f3 "$WORK/$op.times" | median) s | $(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }') MiB | $l0 → $(load) |"
  done
  md "$f" "" "Archive: $(du -h "$WORK/b.tar.gz" | cut -f1) (keys), $(du -h "$WORK/t.tar.gz" | cut -f1) (tar czf)." ""
  rm -rf "$src" "$WORK/restored"
}
