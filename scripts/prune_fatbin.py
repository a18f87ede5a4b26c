#!/usr/bin/env python3
"""Zeroes the GPU machine code built for other architectures inside a shared library's CUDA fat binaries.

    python3 scripts/prune_fatbin.py libonnxruntime_providers_cuda.so pruned.so --keep 90

ONNX Runtime's CUDA provider (284 MB for 1.31.0) carries each kernel compiled for several GPU generations (sm_75,
80, 86, 89, 90, 120); a GPU runs only the code of its own major architecture, so on a Hopper GPU (sm_90) only the
sm_90 entries are ever loaded. Every other ELF entry's bytes are set to zero, its header and the file's layout
left as they are, so the output has the same size and the same offsets but compresses to about a quarter (52 MB
with `zstd -19` instead of 186 MB): a copy that fits where the transfer to a GPU machine is size-limited.
The pruned file runs only on GPUs of the kept architecture. PTX entries (none in 1.31.0) are kept.

Fat binary layout: a 16-byte header (magic 0xBA55ED50, version 1, header size, size of the entries), then entries,
each a header (kind 1 = PTX, 2 = ELF; header size; payload size; the architecture at byte 28) and its payload.
"""
import argparse
import struct
import sys
from collections import Counter

MAGIC = struct.pack("<I", 0xBA55ED50)


def prune(data: bytearray, keep: int) -> Counter:
    """Zeroes in place every ELF payload whose architecture is not `keep`; returns bytes per (kind, arch, action)."""
    report: Counter = Counter()
    position = 0
    while (start := data.find(MAGIC, position)) >= 0:
        version, header_size, entries_size = struct.unpack_from("<HHQ", data, start + 4)
        if version != 1 or header_size != 16:
            position = start + 4
            continue
        entry, end = start + header_size, start + header_size + entries_size
        while entry < end:
            kind, _, entry_header, payload = struct.unpack_from("<HHIQ", data, entry)
            arch = struct.unpack_from("<I", data, entry + 28)[0]
            body = entry + entry_header
            if kind == 2 and arch != keep:
                data[body:body + payload] = bytes(payload)
                report[(kind, arch, "zeroed")] += payload
            else:
                report[(kind, arch, "kept")] += payload
            entry = body + payload
        position = end
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--keep", type=int, default=90, help="the architecture whose code stays (90 = Hopper: H100, H200)")
    args = parser.parse_args(argv)
    with open(args.source, "rb") as handle:
        data = bytearray(handle.read())
    report = prune(data, args.keep)
    if not any(action == "kept" and arch == args.keep for (_, arch, action) in report):
        raise SystemExit(f"prune_fatbin: {args.source} holds no code for sm_{args.keep}; nothing written")
    with open(args.target, "wb") as handle:
        handle.write(data)
    for (kind, arch, action), size in sorted(report.items()):
        print(f"{'PTX' if kind == 1 else 'ELF'} sm_{arch}: {size / 1e6:.1f} MB {action}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
