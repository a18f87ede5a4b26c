"""scripts/prune_fatbin.py on a hand-built fat binary: other architectures' code zeroed, layout and kept code intact."""
import struct

import pytest

from prune_fatbin import prune


def entry(kind: int, arch: int, payload: bytes) -> bytes:
    # kind, version, header size 64, payload size; compressed size, unknown, minor, major, then the architecture at 28
    header = struct.pack("<HHIQIIHHI", kind, 0x0101, 64, len(payload), 0, 0, 0, 0, arch)
    return header + bytes(64 - len(header)) + payload


def fatbin(*entries: bytes) -> bytes:
    body = b"".join(entries)
    return struct.pack("<IHHQ", 0xBA55ED50, 1, 16, len(body)) + body


def test_only_the_kept_architecture_keeps_its_code_and_nothing_moves():
    sm80, sm90, sm120, ptx = b"\x11" * 40, b"\x22" * 24, b"\x33" * 8, b"\x44" * 16
    data = bytearray(b"host code" + fatbin(entry(2, 80, sm80), entry(2, 90, sm90), entry(2, 120, sm120), entry(1, 80, ptx))
                     + b"more host code" + fatbin(entry(2, 90, sm90)))
    original = bytes(data)
    report = prune(data, 90)
    assert len(data) == len(original)
    assert data.count(sm90) == 2 and ptx in data
    assert sm80 not in data and sm120 not in data
    assert report[(2, 80, "zeroed")] == 40 and report[(2, 120, "zeroed")] == 8 and report[(2, 90, "kept")] == 48
    assert data.startswith(b"host code") and b"more host code" in data


def test_a_magic_number_without_a_valid_header_is_skipped():
    data = bytearray(struct.pack("<IHHQ", 0xBA55ED50, 7, 99, 1 << 40) + b"\x11" * 8)
    before = bytes(data)
    assert not prune(data, 90)
    assert bytes(data) == before


def test_a_library_without_the_kept_architecture_is_refused(tmp_path):
    from prune_fatbin import main
    source = tmp_path / "lib.so"
    source.write_bytes(fatbin(entry(2, 80, b"\x11" * 8)))
    with pytest.raises(SystemExit, match="no code for sm_90"):
        main([str(source), str(tmp_path / "out.so")])
    assert not (tmp_path / "out.so").exists()
