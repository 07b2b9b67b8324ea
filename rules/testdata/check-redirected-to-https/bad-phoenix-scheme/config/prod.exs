import Config

config :demo, DemoWeb.Endpoint, force_ssl: [hsts: true]
