"""Illustrations drawn at seed time, so the demo ships no binary files and
shows no photographs of real people. The data files name a drawing; its title,
caption and alternative text are data."""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont

from portal.models import CustomImage

BLUE = (11, 79, 138)
DARK = (28, 37, 48)
YELLOW = (255, 210, 77)
GREEN = (29, 107, 51)
RED = (163, 19, 27)
SKY = (226, 236, 246)
ROAD = (120, 128, 138)
SKIN = (214, 170, 130)
TINT = (242, 245, 248)
WHITE = (255, 255, 255)


def network_illustration(width=1200, height=800, seed=7):
    """Connected institutions: nodes in a ring linked to each other."""
    image = Image.new("RGB", (width, height), TINT)
    draw = ImageDraw.Draw(image)
    centre_x, centre_y = width / 2, height / 2
    nodes = []
    for ring, (radius, count) in enumerate(((0.36, 9), (0.2, 5))):
        for index in range(count):
            angle = 2 * math.pi * index / count + ring * 0.4 + seed * 0.01
            nodes.append(
                (
                    centre_x + math.cos(angle) * radius * width,
                    centre_y + math.sin(angle) * radius * height * 1.3,
                )
            )
    for index, (x1, y1) in enumerate(nodes):
        for x2, y2 in nodes[index + 1 : index + 4]:
            draw.line((x1, y1, x2, y2), fill=(160, 184, 208), width=4)
        draw.line((x1, y1, centre_x, centre_y), fill=(190, 205, 222), width=3)
    for index, (x, y) in enumerate(nodes):
        radius = 34 if index % 3 else 46
        colour = YELLOW if index % 4 == 0 else BLUE
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=colour, outline=WHITE, width=6
        )
    draw.ellipse(
        (centre_x - 70, centre_y - 70, centre_x + 70, centre_y + 70),
        fill=WHITE,
        outline=BLUE,
        width=10,
    )
    draw.ellipse(
        (centre_x - 40, centre_y - 30, centre_x + 10, centre_y + 20), outline=BLUE, width=8
    )
    draw.ellipse(
        (centre_x - 10, centre_y - 30, centre_x + 40, centre_y + 20), outline=YELLOW, width=8
    )
    return image


def ensure_image(title, drawing, alt_text="", filename=None):
    """One CustomImage per title, drawn once: `drawing` makes the picture."""
    existing = CustomImage.objects.filter(title=title).first()
    if existing is not None:
        return existing
    buffer = io.BytesIO()
    drawing().save(buffer, format="PNG", optimize=True)
    filename = filename or title.lower().replace(" ", "-") + ".png"
    image = CustomImage(title=title, alt_text=alt_text)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=filename)
    image.save()
    return image


# --- study visit ------------------------------------------------------------------


def _canvas(drawing):
    canvas = Image.new("RGB", (1200, 800), (233, 240, 247))
    drawing(ImageDraw.Draw(canvas))
    return canvas


def _draw_referral(draw):
    steps = [(90, "Identification"), (400, "Referral"), (710, "Assistance"), (1020, "Return")]
    for x, _label in steps:
        draw.ellipse((x - 80, 320, x + 80, 480), fill=(16, 80, 140))
    for (x1, _), (x2, _) in zip(steps, steps[1:], strict=False):
        draw.rectangle((x1 + 85, 395, x2 - 85, 405), fill=(90, 120, 150))
        draw.polygon([(x2 - 85, 380), (x2 - 85, 420), (x2 - 60, 400)], fill=(90, 120, 150))


def _draw_map(draw):
    draw.polygon(
        [(200, 250), (520, 180), (900, 220), (1000, 420), (860, 600), (420, 620), (230, 480)],
        fill=(120, 160, 120),
    )
    draw.ellipse((530, 360, 570, 400), fill=(180, 30, 40))
    draw.rectangle((0, 0, 1200, 40), fill=(16, 80, 140))


def _draw_meeting(draw):
    draw.rounded_rectangle((250, 300, 950, 520), radius=40, fill=(150, 110, 70))
    for x in range(300, 930, 120):
        draw.ellipse((x, 200, x + 70, 270), fill=(16, 80, 140))
        draw.ellipse((x, 550, x + 70, 620), fill=(200, 120, 40))


# --- training scenario ---------------------------------------------------------------


# --- illustrations -------------------------------------------------------------


def _font(size):
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _person(draw, x, y, colour, scale=1.0, arms_up=False):
    head = 28 * scale
    draw.ellipse((x - head, y - 3 * head, x + head, y - head), fill=SKIN, outline=DARK, width=3)
    draw.rounded_rectangle(
        (x - 1.4 * head, y - head, x + 1.4 * head, y + 3 * head), radius=18, fill=colour
    )
    if arms_up:
        draw.line((x - 1.4 * head, y, x - 2.4 * head, y - 1.6 * head), fill=colour, width=14)


def _officer(draw, x, y, scale=1.0):
    _person(draw, x, y, BLUE, scale)
    cap = 30 * scale
    draw.rectangle((x - cap, y - 3.4 * 28 * scale, x + cap, y - 2.7 * 28 * scale), fill=DARK)


def _caption(draw, text, width, height):
    draw.rectangle((0, height - 90, width, height), fill=DARK)
    draw.text((40, height - 68), text, font=_font(40), fill=WHITE)


def draw_checkpoint(draw, w, h):
    draw.rectangle((0, 0, w, h * 0.55), fill=SKY)
    draw.rectangle((0, h * 0.55, w, h), fill=ROAD)
    for x in range(0, w, 160):
        draw.rectangle((x, h * 0.74, x + 90, h * 0.76), fill=WHITE)
    draw.rectangle((60, 120, 360, 440), fill=(200, 210, 220), outline=DARK, width=4)
    draw.rectangle((60, 90, 360, 130), fill=BLUE)
    draw.rectangle((380, 400, 1000, 410), fill=RED)
    draw.rounded_rectangle((520, 260, 1060, 520), radius=30, fill=WHITE, outline=DARK, width=5)
    for x in range(560, 1010, 110):
        draw.rounded_rectangle((x, 290, x + 80, 360), radius=8, fill=(170, 200, 230))
    for x in (620, 960):
        draw.ellipse((x - 45, 480, x + 45, 570), fill=DARK)
    _officer(draw, 440, 560)


def draw_interview(draw, w, h):
    draw.rectangle((0, 0, w, h), fill=(236, 232, 224))
    draw.rectangle((0, h * 0.62, w, h), fill=(200, 190, 175))
    draw.rounded_rectangle((380, 430, 820, 480), radius=10, fill=(150, 110, 70))
    draw.rectangle((420, 480, 440, 640), fill=(120, 85, 55))
    draw.rectangle((760, 480, 780, 640), fill=(120, 85, 55))
    _officer(draw, 300, 480)
    _person(draw, 900, 480, (200, 120, 40))
    draw.rectangle((560, 400, 640, 430), fill=WHITE, outline=DARK, width=2)
    draw.rectangle((950, 80, 1120, 250), fill=SKY, outline=DARK, width=6)


def draw_interpreter(draw, w, h):
    draw_interview(draw, w, h)
    draw.rounded_rectangle((520, 330, 680, 410), radius=12, fill=DARK)
    for i, radius in enumerate((40, 70, 100)):
        draw.arc(
            (600 - radius, 200 - radius, 600 + radius, 200 + radius),
            200,
            340,
            fill=BLUE,
            width=8 - i,
        )
    draw.ellipse((585, 185, 615, 215), fill=YELLOW)


def draw_referral(draw, w, h):
    draw.rectangle((0, 0, w, h), fill=SKY)
    draw.polygon([(760, 160), (960, 60), (1160, 160)], fill=RED)
    draw.rectangle((790, 160, 1130, 520), fill=WHITE, outline=DARK, width=5)
    draw.rectangle((920, 380, 1000, 520), fill=BLUE)
    draw.line((960, 200, 960, 330), fill=RED, width=24)
    draw.line((900, 265, 1020, 265), fill=RED, width=24)
    _officer(draw, 260, 500)
    _person(draw, 470, 500, (200, 120, 40))
    _person(draw, 660, 500, GREEN)
    draw.line((330, 500, 400, 500), fill=SKIN, width=16)


def draw_departure(draw, w, h):
    draw.rectangle((0, 0, w, h * 0.55), fill=(210, 214, 222))
    draw.rectangle((0, h * 0.55, w, h), fill=ROAD)
    draw.rounded_rectangle((700, 300, 1140, 520), radius=30, fill=WHITE, outline=DARK, width=5)
    for x in (780, 1060):
        draw.ellipse((x - 40, 480, x + 40, 560), fill=DARK)
    for y in (330, 400, 470):
        draw.line((560, y, 680, y), fill=DARK, width=6)
    _officer(draw, 260, 560)
    draw.rectangle((330, 470, 420, 540), fill=YELLOW, outline=DARK, width=3)


def scenario_illustration(name, caption):
    """A scenario scene with its caption written in, 1200 × 760."""
    width, height = 1200, 760
    canvas = Image.new("RGB", (width, height), SKY)
    draw = ImageDraw.Draw(canvas)
    SCENES[name](draw, width, height)
    _caption(draw, caption, width, height)
    return canvas


SCENES = {
    "checkpoint": draw_checkpoint,
    "interview": draw_interview,
    "interpreter": draw_interpreter,
    "referral": draw_referral,
    "departure": draw_departure,
}

DRAWINGS = {
    "network": network_illustration,
    "referral": lambda: _canvas(_draw_referral),
    "map": lambda: _canvas(_draw_map),
    "meeting": lambda: _canvas(_draw_meeting),
}
