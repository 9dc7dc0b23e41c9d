# One image for everything: the development server, the test tools and the tests.
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt requirements-dev.txt ./
RUN pip install --no-cache-dir -r requirements-dev.txt
COPY . .
RUN pytest
CMD ["flask", "--app", "app", "run", "--debug", "--host", "0.0.0.0"]
