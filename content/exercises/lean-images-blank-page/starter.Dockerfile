# A blank page: write the whole Dockerfile here (the task above says what it must do).
