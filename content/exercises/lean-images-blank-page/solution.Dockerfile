FROM python:3.12 AS build
WORKDIR /app
RUN python -m venv /app/.venv
COPY requirements.txt .
RUN /app/.venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.12-slim
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY app.py .
USER nobody
CMD ["/app/.venv/bin/gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
