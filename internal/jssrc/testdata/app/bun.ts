Bun.serve({
  hostname: "127.0.0.1",
  fetch(req: Request) { return new Response("hi"); },
});
