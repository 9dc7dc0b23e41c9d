# Everything in one image: compilers, test tools, tests and the development server.
FROM python:3.12
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt -r requirements-dev.txt
RUN python -m pytest
CMD ["flask", "--app", "app", "run", "--debug", "--host", "0.0.0.0"]
