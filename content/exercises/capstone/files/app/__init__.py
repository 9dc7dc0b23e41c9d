from flask import Flask, abort

app = Flask(__name__)

BOOKS = {
    1: {"id": 1, "title": "Dockerfile Basics"},
    2: {"id": 2, "title": "Stages in Practice"},
}


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/books/<int:book_id>")
def book(book_id):
    if book_id not in BOOKS:
        abort(404)
    return BOOKS[book_id]
