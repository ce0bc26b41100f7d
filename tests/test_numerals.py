import pytest
from hypothesis import given, strategies as st

from portal.content.numerals import cn_to_int, int_to_cn


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十五", 25),
    ("一百", 100), ("一百零五", 105), ("一百一十", 110), ("一百四十二", 142),
    ("一千", 1000), ("一千零一", 1001), ("一千零一十", 1010), ("一千零十", 1010),
    ("一千零五十", 1050), ("两千", 2000), ("二〇", None), ("一千〇一", 1001),
    ("九千九百九十九", 9999), ("一十一", 11), ("零", 0),
])
def test_cn_to_int_values(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", [
    "", "十十", "百", "千", "一二", "一百五", "一千五十", "一百零十", "二十零",
    "一千零零一", "零五", "十百", "一百一百", "第一", "1", "五十 ",
])
def test_cn_to_int_rejects_malformed(text):
    assert cn_to_int(text) is None


@pytest.mark.parametrize("value, text", [
    (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (100, "一百"), (105, "一百零五"),
    (110, "一百一十"), (142, "一百四十二"), (1001, "一千零一"), (1010, "一千零一十"),
    (1100, "一千一百"), (2005, "二千零五"), (9999, "九千九百九十九"),
])
def test_int_to_cn_official_style(value, text):
    assert int_to_cn(value) == text


@pytest.mark.parametrize("value", [0, -3, 10000])
def test_int_to_cn_out_of_range(value):
    with pytest.raises(ValueError):
        int_to_cn(value)


def test_round_trip_every_number():
    bad = [n for n in range(1, 10000) if cn_to_int(int_to_cn(n)) != n]
    assert bad == []


@given(st.integers(min_value=1, max_value=9999))
def test_round_trip_property(n):
    text = int_to_cn(n)
    assert cn_to_int(text) == n
    assert "两" not in text and not text.endswith("零")


@given(st.text(alphabet="零一二三四五六七八九十百千", max_size=8))
def test_parse_is_total_and_canonical(text):
    # Never raises; anything accepted is a real number in range whose
    # official spelling is also accepted.
    value = cn_to_int(text)
    if value:
        assert 1 <= value <= 9999
        assert cn_to_int(int_to_cn(value)) == value
