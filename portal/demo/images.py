"""Illustrations drawn at seed time, so the demo ships no binary files and
shows no photographs of real people."""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from portal.models import CustomImage

BLUE = (11, 79, 138)
YELLOW = (255, 210, 77)
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


def ensure_image(title, drawing, alt_text=""):
    """One CustomImage per title, drawn once."""
    existing = CustomImage.objects.filter(title=title).first()
    if existing is not None:
        return existing
    buffer = io.BytesIO()
    drawing.save(buffer, format="PNG", optimize=True)
    filename = title.lower().replace(" ", "-") + ".png"
    image = CustomImage(title=title, alt_text=alt_text)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=filename)
    image.save()
    return image
