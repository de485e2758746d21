"""The messages of a load, store or atomic outside its array, for targets that check accesses (the interpreter
always, the CPU in debug builds): one wording everywhere, naming file, line, program, element and offset."""
from __future__ import annotations


def out_of_bounds(file: str, line: int, access: str, where: str, rel: int, size: int, access_type: str,
                  name: str, count: int, itemsize: int, type_name: str, low: int, high: int) -> str:
    """An `access` of `size`-byte `access_type` values in `where` ('program (x, y, z), element e') at byte `rel`
    from the first element of argument `name`, an array of `count` elements of `itemsize` bytes (`type_name`)
    whose elements occupy bytes [low, high) from its first."""
    offset = f"offset {rel // size}" if rel % size == 0 else f"byte offset {rel}"
    if high - low == count * itemsize:
        extent = f"which holds {count} elements of {type_name} (offsets 0 to {count - 1})"
    else:
        extent = (f"a strided view of {count} elements of {type_name} spanning offsets "
                  f"{low // itemsize} to {(high - itemsize) // itemsize}")
    return (f"{file}:{line}: out-of-bounds {access} in {where}: {offset} of argument '{name}' ({access_type} "
            f"elements), {extent}; mask the access (mask=offsets < n) or fix the offset")


def outside_every_array(file: str, line: int, access: str, where: str, address: int) -> str:
    """An `access` through a pointer whose array is not known, at an address in none of the array arguments."""
    return (f"{file}:{line}: {access} through a pointer that points into no array argument in {where}: address "
            f"{address:#x} (a pointer made from an integer, or an offset beyond any array)")


def program_element(program: tuple, element: "int | None") -> str:
    """'program (x, y, z)', with ', element e' for an access of a block."""
    return f"program ({', '.join(str(int(p)) for p in program)})" + ("" if element is None else f", element {element}")
