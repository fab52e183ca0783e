"""Printed products drawn with matplotlib: print maps, hotspot briefs, named print areas,
and the print scene (:class:`maps.print.print_data.PrintData`) they and the HTML export read."""
