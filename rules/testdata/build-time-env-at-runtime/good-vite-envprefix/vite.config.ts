import { defineConfig } from 'vite'
export default defineConfig({ envPrefix: 'APP_' })
