"""A map of a place from stored coordinates, drawn from the tiles of the tile
server an operator names in MAP_TILE_URL (off when unset: the portal makes no
call to a third party by default). Tiles are composed in an SVG with a marker,
so no script and no inline style are needed."""

import math

from django.conf import settings

TILE = 256


def tile_map(latitude, longitude, zoom=15, width=512, height=300):
    """Tiles and marker for a `width` × `height` map centred on the place, or
    None when maps are off or the place has no coordinates."""
    template = getattr(settings, "MAP_TILE_URL", "")
    if not template or latitude is None or longitude is None:
        return None
    latitude, longitude = float(latitude), float(longitude)
    if not (-85 < latitude < 85 and -180 <= longitude <= 180):
        return None
    count = 2**zoom
    x = (longitude + 180) / 360 * count * TILE
    y = (1 - math.asinh(math.tan(math.radians(latitude))) / math.pi) / 2 * count * TILE
    left, top = x - width / 2, y - height / 2
    tiles = []
    for column in range(math.floor(left / TILE), math.floor((left + width) / TILE) + 1):
        for row in range(math.floor(top / TILE), math.floor((top + height) / TILE) + 1):
            if 0 <= row < count:
                tiles.append(
                    {
                        "url": template.format(z=zoom, x=column % count, y=row),
                        "x": round(column * TILE - left, 1),
                        "y": round(row * TILE - top, 1),
                    }
                )
    return {
        "tiles": tiles,
        "width": width,
        "height": height,
        "marker_x": width / 2,
        "marker_y": height / 2,
        "attribution": getattr(settings, "MAP_ATTRIBUTION", ""),
    }
