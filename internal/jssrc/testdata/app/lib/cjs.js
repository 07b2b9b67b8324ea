module.exports = { port: 5000 };
