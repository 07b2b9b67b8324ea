import Config

# The shape phx.new 1.8 generates (phoenixframework/phoenix@167c469
# installer/templates/phx_single/config/prod.exs.eex).
config :demo, DemoWeb.Endpoint,
  force_ssl: [
    rewrite_on: [:x_forwarded_proto],
    exclude: [
      # paths: ["/health"],
      hosts: ["localhost", "127.0.0.1"]
    ]
  ]
