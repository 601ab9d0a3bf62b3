#!/usr/bin/python3
"""Writes carbon plaintext lines ("name value timestamp") into whisper files the way carbon's writer does
(whisper.create with the given retentions, then whisper.update_many per series), so graphite-web can be
queried on exactly the data another server received. Debian's python3-whisper (run with /usr/bin/python3).

    whisper-from-lines.py LINES_FILE WHISPER_DIR RETENTIONS [AGGREGATION] [XFF]

Points are buffered per series and flushed every FLUSH_POINTS points in total, so memory stays bounded
for tens of millions of lines."""
import os
import sys

import whisper

FLUSH_POINTS = 5_000_000


def main():
    lines, root, retentions = sys.argv[1], sys.argv[2], sys.argv[3]
    method = sys.argv[4] if len(sys.argv) > 4 else "average"
    xff = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    archives = [whisper.parseRetentionDef(r) for r in retentions.split(",")]
    pending, buffered, created, written = {}, 0, set(), 0

    def flush():
        nonlocal buffered, written
        for name, points in pending.items():
            path = os.path.join(root, *name.split(".")) + ".wsp"
            if name not in created:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                if not os.path.exists(path):
                    whisper.create(path, archives, xFilesFactor=xff, aggregationMethod=method)
                created.add(name)
            whisper.update_many(path, points)
            written += len(points)
        pending.clear()
        buffered = 0

    with open(lines, "rb") as f:
        for raw in f:
            parts = raw.split()
            if len(parts) != 3:
                continue
            pending.setdefault(parts[0].decode(), []).append((int(float(parts[2])), float(parts[1])))
            buffered += 1
            if buffered >= FLUSH_POINTS:
                flush()
    flush()
    print(f"whisper: {written} points into {len(created)} files under {root}")


if __name__ == "__main__":
    main()
