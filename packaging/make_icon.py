"""Draw the app icon (resources/icons/motcua.png and .ico) from the project's own font and colours.

    python packaging/make_icon.py

Kept as a script so the icon can be redrawn rather than edited by hand; the files it writes are
committed, so a build needs neither this script nor Pillow's drawing at build time.
"""

from __future__ import annotations

import math
from pathlib import Path

import fontpkg_be_vietnam_pro
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
NAVY = (18, 53, 91)  # the navigation bar's colour (resources/desk.qss)
GOLD = (255, 205, 0)


def star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def draw(size: int = 512) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=NAVY)
    # A counter seen from the citizen's side: the desk top, and the "1" of Một cửa above it.
    font = ImageFont.truetype(str(fontpkg_be_vietnam_pro.ROOT / "files" / "BeVietnamPro-Bold.ttf"), int(size * 0.62))
    d.text((size * 0.46, size * 0.45), "1", font=font, fill="white", anchor="mm")
    d.rounded_rectangle((size * 0.14, size * 0.74, size * 0.86, size * 0.84), radius=size // 40, fill="white")
    d.polygon(star(size * 0.74, size * 0.24, size * 0.12), fill=GOLD)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    img = draw()
    img.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "motcua.png")
    img.save(OUT / "motcua.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(OUT / "motcua.png")


if __name__ == "__main__":
    main()
