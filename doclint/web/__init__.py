"""`doclint serve`: the intranet page (upload a draft or a 送审材料 package, read the findings, download the memo).

Needs the `web` extra (`pip install doclint[web]`): Starlette, uvicorn and python-multipart.
"""
