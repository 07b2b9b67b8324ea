import Config

config :demo, DemoWeb.Endpoint,
  server: true,
  http: [port: 8080]
