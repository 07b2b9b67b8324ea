const handler = (req: Request): Response => new Response(<p>hi</p> as any);
Deno.serve({ port: 8000, hostname: "0.0.0.0" }, handler);
