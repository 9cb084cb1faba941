# The tool's own image for users with a registry: Node 20 slim, production dependencies only,
# residency-audit as the entrypoint. scripts/build-image.sh builds the same image without a registry.
# Run by "residency-audit fleet" as a Swarm global job (read-only root filesystem, capabilities dropped).
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --no-audit --no-fund
COPY src ./src
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:20-slim
WORKDIR /opt/residency-audit
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist/src ./dist/src
COPY bin ./bin
COPY templates ./templates
COPY evidence ./evidence
# geoip-lite's city files are never read (the tool reads its country files directly); nothing in the
# image may gain privileges through a setuid or setgid file; the mount points the fleet task uses.
RUN rm -f node_modules/geoip-lite/data/geoip-city*.dat \
 && find / -xdev -type f -perm /6000 -exec chmod ug-s {} + \
 && find dist -name '*.map' -delete \
 && mkdir -p /host
ENV NODE_ENV=production
ENTRYPOINT ["node", "/opt/residency-audit/bin/residency-audit"]
CMD ["--help"]
