# Frontdesk: one static binary (pure-Go SQLite, no cgo).
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /frontdesk .
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
# /data holds the SQLite default (DATABASE_URL=sqlite:frontdesk.db, relative to
# the working directory); mount a volume there to keep it across containers.
# It is made owned by the image's nonroot user (65532) whatever the builder does
# with WORKDIR (some make it root's), so a fresh volume there is writable.
COPY --from=build --chown=65532:65532 /out/data /data
WORKDIR /data
VOLUME /data
COPY --from=build /frontdesk /frontdesk
ENV FRONTDESK_ADDR=:8080
EXPOSE 8080
# The image has no shell or curl: the binary asks its own /readyz.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 CMD ["/frontdesk", "healthcheck"]
ENTRYPOINT ["/frontdesk"]
