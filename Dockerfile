# The pharmagraph binary in a minimal image; docker-compose.yml runs it.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /pharmagraph ./cmd/pharmagraph

FROM gcr.io/distroless/static-debian12
COPY --from=build /pharmagraph /pharmagraph
EXPOSE 8080
ENTRYPOINT ["/pharmagraph"]
CMD ["serve"]
