import { defineConfig, type Plugin } from 'vite';
import { existsSync, readdirSync, readFileSync, mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Deployments files are served at /deployments/<network>.json from deploy/deployments/
// (override with AGORA_DEPLOYMENTS_DIR), with /deployments/index.json listing the networks;
// `vite build` copies them into dist/deployments/.
const deploymentsDir = resolve(process.env.AGORA_DEPLOYMENTS_DIR ?? resolve(__dirname, '..', 'deploy', 'deployments'));

function networks(): string[] {
  if (!existsSync(deploymentsDir)) return [];
  return readdirSync(deploymentsDir).filter((f) => f.endsWith('.json') && f !== 'index.json').map((f) => f.slice(0, -5)).sort();
}

function deployments(): Plugin {
  const middleware = (req: any, res: any, next: () => void) => {
    const m = /^\/deployments\/([A-Za-z0-9_.-]+)\.json(\?.*)?$/.exec(req.url ?? '');
    if (!m) return next();
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    if (m[1] === 'index') return res.end(JSON.stringify({ networks: networks() }));
    const file = join(deploymentsDir, `${m[1]}.json`);
    if (!existsSync(file)) {
      res.statusCode = 404;
      return res.end(JSON.stringify({ error: `no deployments file for network ${m[1]} in ${deploymentsDir}` }));
    }
    res.end(readFileSync(file));
  };
  return {
    name: 'agora-deployments',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    closeBundle() {
      const out = resolve(__dirname, 'dist', 'deployments');
      const list = networks();
      if (!list.length) return;
      mkdirSync(out, { recursive: true });
      for (const n of list) copyFileSync(join(deploymentsDir, `${n}.json`), join(out, `${n}.json`));
      writeFileSync(join(out, 'index.json'), JSON.stringify({ networks: list }));
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [deployments()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  server: { port: 5173, strictPort: false },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
} as any);
