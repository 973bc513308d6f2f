"""The translator's round trip: every text a language still needs, out to a PO file and back.

sources.py says what is translatable and from which source text; records.py keeps, per language,
which source each YAML translation was made from; po_export.py and po_import.py are the two
directions; yaml_writer.py and documents.py write translations back into editors' files.
"""
