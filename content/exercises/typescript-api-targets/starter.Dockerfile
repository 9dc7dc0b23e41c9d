# One image for everything: the full Node image, every devDependency, the sources,
# the tests run on every build, and the development server as the command.
FROM node:22
WORKDIR /app
COPY . .
RUN npm ci
RUN npm run build
RUN npm test
RUN npm run lint
EXPOSE 3000
CMD ["npm", "run", "dev"]
