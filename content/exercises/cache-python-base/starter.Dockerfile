FROM python:3.12-slim AS base
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt

FROM base AS test
RUN pip install --no-cache-dir -r requirements-test.txt
RUN python -m pytest

FROM base AS prod
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
