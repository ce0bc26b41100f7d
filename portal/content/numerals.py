"""Chinese numerals as used in article and chapter labels (第一百零五条)."""
from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)
_CN_DIGITS = "零一二三四五六七八九"


def cn_to_int(s: str) -> int | None:
    """Value of a numeral such as 十一, 一百零五, 一千零一; None if malformed.

    Strict about 零 and skipped places so that typos (十十, 一百五十零, 一百五)
    are reported instead of being read as some other number.
    """
    if not s or any(c not in DIGITS and c not in UNITS for c in s):
        return None
    if s in ("零", "〇"):
        return 0
    total = 0
    digit: int | None = None   # digit waiting for its unit
    last_unit = 10_000          # units must strictly decrease
    zero = False                # a 零 was written since the last unit
    for i, c in enumerate(s):
        if c in DIGITS:
            if digit is not None:           # two digits in a row: 一二
                return None
            if DIGITS[c] == 0:
                # 零 marks skipped places, so it needs a unit before it
                # and cannot repeat or end the numeral.
                if zero or i == 0 or i == len(s) - 1:
                    return None
                zero = True
                continue
            digit = DIGITS[c]
        else:
            unit = UNITS[c]
            if digit is None:
                # 十 may stand alone at the start (十一) or after 零 (一千零十)
                if unit != 10 or not (i == 0 or zero):
                    return None
                digit = 1
            if unit >= last_unit or not _place_ok(last_unit, unit, zero):
                return None
            total += digit * unit
            last_unit, digit, zero = unit, None, False
    if digit is not None:                   # trailing units digit
        if not _place_ok(last_unit, 1, zero):
            return None
        total += digit
    return total


def _place_ok(prev_unit: int, unit: int, zero: bool) -> bool:
    """Places may be skipped only with a 零 (一百零五), never without (一百五)."""
    if prev_unit == 10_000:                 # first group: any place
        return not zero
    adjacent = unit * 10 == prev_unit
    return adjacent != zero


def int_to_cn(n: int) -> str:
    """Official numeral for 1..9999: 十, 十一, 一百一十, 一百零五, 一千零一十."""
    if not 1 <= n <= 9999:
        raise ValueError(f"超出范围（1–9999）：{n}")
    out = []
    pending_zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        if not (unit == 10 and d == 1 and not out):  # 十一, not 一十一
            out.append(_CN_DIGITS[d])
        out.append(name)
    return "".join(out)
