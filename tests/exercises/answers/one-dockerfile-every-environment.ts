import { dockerfile, type AnswerTable } from './types.ts';

const BASE = `FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
`;

const DEV = `FROM base AS dev
COPY requirements-dev.txt .
RUN pip install --no-cache-dir -r requirements-dev.txt
COPY . .
CMD ["flask", "--app", "app", "run", "--debug", "--host", "0.0.0.0"]
`;

const TEST = `FROM dev AS test
RUN pytest
`;

const PRODUCTION = `FROM base AS production
COPY app.py .
RUN useradd --system --no-create-home app
USER app
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
`;

export const answers: AnswerTable = {
  correct: [
    { name: 'the lesson’s answer', dockerfile: `${BASE}\n${DEV}\n${TEST}\n${PRODUCTION}` },
    {
      name: 'test FROM base with its own install, dev after test',
      dockerfile: `${BASE}\nFROM base AS test\nCOPY requirements-dev.txt .\nRUN pip install --no-cache-dir -r requirements-dev.txt\nCOPY . .\nRUN python -m pytest\n\n${DEV}\n${PRODUCTION}`,
    },
    {
      name: 'a numeric user from adduser, a venv in base',
      dockerfile: dockerfile`
        FROM python:3.12-slim AS base
        ENV PYTHONUNBUFFERED=1
        RUN python -m venv /venv
        ENV PATH="/venv/bin:$PATH"
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt

        FROM base AS dev
        COPY requirements-dev.txt .
        RUN pip install --no-cache-dir -r requirements-dev.txt
        COPY . .
        CMD ["flask", "--app", "app", "run", "--debug", "--host", "0.0.0.0"]

        FROM dev AS test
        RUN python -m pytest -q

        FROM base AS production
        COPY app.py ./
        RUN adduser --system --uid 10001 app
        USER 10001
        EXPOSE 8000
        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
      `,
    },
    {
      name: 'production copies the installed packages from a deps stage instead of FROM base',
      dockerfile: dockerfile`
        FROM python:3.12-slim AS deps
        RUN python -m venv /venv
        ENV PATH="/venv/bin:$PATH"
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt

        FROM deps AS dev
        WORKDIR /app
        COPY requirements-dev.txt .
        RUN pip install --no-cache-dir -r requirements-dev.txt
        COPY . .
        CMD ["flask", "--app", "app", "run", "--debug", "--host", "0.0.0.0"]

        FROM dev AS test
        RUN pytest

        FROM python:3.12-slim AS production
        COPY --from=deps /venv /venv
        ENV PATH="/venv/bin:$PATH"
        WORKDIR /app
        COPY app.py .
        RUN useradd --system --no-create-home app
        USER app
        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
      `,
    },
  ],
  wrong: [
    {
      name: 'both requirement files installed in base, which production inherits',
      dockerfile: dockerfile`
        FROM python:3.12-slim AS base
        WORKDIR /app
        COPY requirements.txt requirements-dev.txt ./
        RUN pip install --no-cache-dir -r requirements.txt -r requirements-dev.txt

        FROM base AS dev
        COPY . .
        CMD ["flask", "--app", "app", "run", "--debug", "--host", "0.0.0.0"]

        FROM dev AS test
        RUN pytest

        FROM base AS production
        COPY app.py .
        RUN useradd --system --no-create-home app
        USER app
        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
      `,
      fails: ['production-no-pytest'],
    },
    {
      name: 'production built FROM dev',
      dockerfile: `${BASE}\n${DEV}\n${TEST}\n${PRODUCTION.replace('FROM base AS production', 'FROM dev AS production')}`,
      fails: ['production-skips-test', 'production-no-pytest'],
    },
    {
      name: 'production first and test last: a plain build runs the tests and ships test',
      dockerfile: `${BASE}\n${PRODUCTION}\n${DEV}\n${TEST}`,
      fails: ['production-is-default'],
    },
    {
      name: 'no USER in production',
      dockerfile: `${BASE}\n${DEV}\n${TEST}\n${PRODUCTION.replace('RUN useradd --system --no-create-home app\nUSER app\n', '')}`,
      fails: ['production-non-root'],
    },
    {
      name: 'test written above dev, so FROM dev pulls an image',
      dockerfile: `${BASE}\n${TEST}\n${DEV}\n${PRODUCTION}`,
      fails: ['test-builds'],
      detail: /FROM dev names stage "dev", which comes later.*docker\.io\/library\/dev:latest/,
    },
  ],
};
