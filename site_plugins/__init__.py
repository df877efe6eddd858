"""A static site generator for the clause-by-clause interpretation of one regulation.

The content model (model, load) knows nothing of MkDocs; plugin is the MkDocs adapter,
handbook renders the same model to PDF.
"""
