defmodule Demo.Application do
  # The children phx.new generates (phoenixframework/phoenix@167c469
  # installer/templates/phx_single/lib/app_name/application.ex.eex).
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      DemoWeb.Telemetry,
      {Phoenix.PubSub, name: Demo.PubSub},
      DemoWeb.Endpoint
    ]

    opts = [strategy: :one_for_one, name: Demo.Supervisor]
    Supervisor.start_link(children, opts)
  end
end
