# Frontdesk: one static binary (pure-Go SQLite, no cgo).
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /frontdesk .

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /data
COPY --from=build /frontdesk /frontdesk
ENV FRONTDESK_ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["/frontdesk"]
