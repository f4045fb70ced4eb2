// Preloaded (`node --require`) into a bot started with Application Insights on, so that a test sends
// nothing beyond loopback: the Azure VM resource detector asks the instance metadata service at
// 169.254.169.254, and is sent to a closed loopback port instead (it then reports "not a VM").
const http = require('node:http');

const request = http.request;
http.request = function loopbackOnly(options, ...rest) {
  const imds = options !== null && typeof options === 'object' && options.host === '169.254.169.254';
  return request.call(this, imds ? { ...options, host: '127.0.0.1', port: 9 } : options, ...rest);
};
