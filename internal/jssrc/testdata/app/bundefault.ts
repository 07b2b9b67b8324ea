const PORT = process.env.PORT || 3000
export default {
  port: PORT,
  fetch(request: Request) { return new Response("ok"); },
};
