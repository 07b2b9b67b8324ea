import Config

# The ip phx.new puts in dev.exs, copied into the release's config.
config :demo, DemoWeb.Endpoint,
  server: true,
  http: [ip: {127, 0, 0, 1}, port: 8080]
