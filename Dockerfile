# jiocxsim on scratch: one static binary, nothing else.
#
# The binary is built outside the image (the goreleaser pattern), so the build
# needs no base image and no network:
#
#   CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o dist/jiocxsim-linux-$(go env GOARCH) ./cmd/jiocxsim && docker build -t jiocxsim .
#
# docker buildx sets TARGETARCH per platform, so one Dockerfile serves a
# multi-arch build (.github/workflows/image.yml); the classic builder uses the
# default below.
FROM scratch

ARG TARGETARCH=amd64
ARG VERSION=dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/jiocxsim/jiocxsim

LABEL org.opencontainers.image.title="jiocxsim" \
      org.opencontainers.image.description="A local simulator of the JioCX (Infobip) RCS and SMS API, with its conformance suite" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}"

COPY dist/jiocxsim-linux-${TARGETARCH} /jiocxsim
# A scratch image has no shell to mkdir and chown with: copying a placeholder
# folder with --chown is how /data comes to belong to the non-root user, so a
# volume mounted there (durable state, --data /data) is writable.
COPY --chown=65532:65532 image/data/ /data/

# The binary listens on loopback by default, which nothing outside the
# container could reach; inside the image it listens on every interface.
# Every flag has an environment twin, so `docker run -e JIOCXSIM_API_KEY=...`
# and `docker run IMAGE serve --api-key ...` both configure it.
ENV JIOCXSIM_ADDR=0.0.0.0:8080
EXPOSE 8080
VOLUME ["/data"]
USER 65532:65532
WORKDIR /data

# The check names 127.0.0.1:8080 itself rather than reading JIOCXSIM_ADDR: it
# asks the listener inside this container, whatever a user set the variable to
# for other tools. A container that listens elsewhere (the testcontainers
# module's host networking) replaces the check.
HEALTHCHECK --interval=5s --timeout=2s --start-period=5s --retries=3 \
  CMD ["/jiocxsim", "readyz", "--addr", "127.0.0.1:8080"]

ENTRYPOINT ["/jiocxsim"]
CMD ["serve"]
