#!/usr/bin/env python3
"""Writes the demo posters (SVG) into AtTicket.Web/wwwroot/posters. Run again after changing a design."""
import html, pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "AtTicket.Web/wwwroot/posters"

POSTERS = {
    "aurora-lights": ("Aurora Lights", "LIVE IN SEOUL", "#0b1d3a", "#1de9b6", "#7c4dff", "waves"),
    "beethoven-ninth": ("Beethoven's Ninth", "SEOUL PHILHARMONIC", "#2b1a0e", "#ffcc80", "#8d6e63", "rings"),
    "lantern-keeper": ("The Lantern Keeper", "A NEW MUSICAL", "#10233f", "#ffb300", "#455a64", "beam"),
    "moonlight-hanok": ("Moonlight over Hanok", "THE MUSICAL", "#1a1033", "#fff59d", "#5e35b1", "moon"),
    "starfall-harbor": ("Starfall Harbor", "IN CINEMAS", "#050a1f", "#ffffff", "#1565c0", "stars"),
    "last-tram": ("The Last Tram Home", "A FILM", "#2d0f1e", "#ff8a65", "#ad1457", "lines"),
    "winter-jazz": ("Winter Jazz Night", "LIVE QUARTET", "#0d2b2b", "#b2dfdb", "#00695c", "rings"),
    "placeholder": ("AtTicket", "POSTER COMING SOON", "#37474f", "#cfd8dc", "#546e7a", "lines"),
}


def motif(kind, accent, second):
    if kind == "waves":
        return "".join(
            f'<path d="M0 {260+i*28} C 120 {200+i*28}, 280 {320+i*28}, 400 {250+i*28}" stroke="{accent if i % 2 else second}" '
            f'stroke-width="6" fill="none" opacity="{0.9-i*0.12:.2f}"/>' for i in range(6))
    if kind == "rings":
        return "".join(f'<circle cx="200" cy="260" r="{40+i*26}" stroke="{accent}" stroke-width="3" fill="none" opacity="{1-i*0.14:.2f}"/>' for i in range(7))
    if kind == "beam":
        return (f'<polygon points="200,170 40,420 360,420" fill="{accent}" opacity="0.25"/>'
                f'<rect x="180" y="170" width="40" height="230" fill="{second}"/><circle cx="200" cy="170" r="26" fill="{accent}"/>')
    if kind == "moon":
        return (f'<circle cx="270" cy="170" r="70" fill="{accent}"/><circle cx="300" cy="150" r="62" fill="#1a1033"/>'
                f'<path d="M40 420 L200 330 L360 420 Z" fill="{second}"/><rect x="90" y="420" width="220" height="40" fill="{second}"/>')
    if kind == "stars":
        import random
        random.seed(7)
        dots = "".join(f'<circle cx="{random.randint(0,400)}" cy="{random.randint(0,480)}" r="{random.choice([1,1.5,2,3])}" fill="{accent}"/>' for _ in range(90))
        return dots + f'<path d="M300 80 L120 360" stroke="{accent}" stroke-width="4" opacity="0.8"/><path d="M0 470 Q200 400 400 470 L400 600 L0 600Z" fill="{second}"/>'
    return "".join(f'<rect x="0" y="{150+i*40}" width="400" height="14" fill="{accent if i % 2 else second}" opacity="0.7"/>' for i in range(8))


def poster(title, tagline, bg, accent, second, kind):
    t = html.escape(title)
    # Georgia bold runs about 0.56 em per character; keep the title inside 350 of the 400 units.
    size = min(46, int(350 / (0.56 * len(title))))
    return f'''<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 600" width="400" height="600">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{bg}"/><stop offset="1" stop-color="{second}"/></linearGradient></defs>
<rect width="400" height="600" fill="url(#g)"/>
{motif(kind, accent, second)}
<text x="200" y="515" text-anchor="middle" font-family="Georgia, serif" font-size="{size}" font-weight="700" fill="#ffffff">{t}</text>
<text x="200" y="555" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="16" letter-spacing="4" fill="{accent}">{html.escape(tagline)}</text>
</svg>
'''


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for slug, spec in POSTERS.items():
        (OUT / f"{slug}.svg").write_text(poster(*spec))
    print(f"wrote {len(POSTERS)} posters to {OUT}")
