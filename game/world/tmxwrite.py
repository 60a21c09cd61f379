"""Writing Tiled objects as TMX, shared by the map generator (tools/make_maps.py) and `new-scene`."""

from __future__ import annotations

from typing import Mapping
from xml.sax.saxutils import quoteattr


def object_xml(oid: int, name: str, kind: str, x: int, y: int, w: int, h: int,
               props: Mapping[str, object]) -> list[str]:
    """One `<object>` (pixel coordinates) with typed properties, indented as Tiled writes it."""
    out = [f'  <object id="{oid}" name={quoteattr(name)} type="{kind}" x="{x}" y="{y}" width="{w}" height="{h}">',
           '   <properties>']
    for key, value in props.items():
        if isinstance(value, bool):
            out.append(f'    <property name="{key}" type="bool" value="{"true" if value else "false"}"/>')
        else:
            out.append(f'    <property name="{key}" type="string" value={quoteattr(str(value))}/>')
    out += ['   </properties>', '  </object>']
    return out
