"""Characters that PDF producers and converters put in place of ordinary Chinese text."""
from __future__ import annotations

import re
import unicodedata

# Kangxi radicals (U+2F00–U+2FD5) stand in for ideographs in many PDFs' text layers:
# ⽰ for 示, ⼀ for 一. Each has a compatibility mapping to the ordinary ideograph.
_RADICALS = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5]")
# CJK Radicals Supplement (U+2E80–U+2EF3) has no such mapping: ⻢ for 马, ⺠ for 民. These
# are the ideographs each radical stands for (Unicode's EquivalentUnifiedIdeograph data).
_SUPPLEMENT = dict(zip(
    "⺁⺅⺆⺉⺊⺌⺎⺏⺐⺒⺓⺔⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺦⺧⺨⺩⺪⺫⺬⺭⺮⺯⺰⺲⺳⺶⺹⺺⺻⺼⺽⺾⻁⻂⻃⻄⻅⻆⻈⻉⻊⻋⻌⻏⻐"
    "⻑⻒⻓⻔⻕⻖⻗⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳",
    "厂亻冂刂卜小兀尣尢巳幺彑忄心扌攵旡日月歺母民氵氺灬爫丬牛犭王疋目示礻竹糹纟罒网羊耂肀聿肉臼艹虎衤覀西见角讠贝足车辶阝钅"
    "長镸长门阜阝雨青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟"))
# An em space where the official text has the ideographic space (第一条　…), other
# typographic spaces where it has a plain one.
_SPACES = str.maketrans({"\u2003": "\u3000", **{c: " " for c in "\u00a0\u2002\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"}})


def unify(text: str) -> str:
    """Kangxi radicals as the ideographs they look like; typographic spaces as 　 or space."""
    return _RADICALS.sub(_ideograph, text).translate(_SPACES)


def _ideograph(m: re.Match) -> str:
    c = m[0]
    return _SUPPLEMENT.get(c) or (unicodedata.normalize("NFKC", c) if c >= "\u2f00" else c)
