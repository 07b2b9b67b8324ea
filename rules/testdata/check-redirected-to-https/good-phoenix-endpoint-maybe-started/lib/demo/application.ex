defmodule Demo.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children =
      [DemoWeb.Telemetry] ++
        if Application.get_env(:demo, :web, true), do: [DemoWeb.Endpoint], else: []

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
