/** Renderer entry: creates the Vue app with Pinia, the global styles, and mounts it. */
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import './styles/main.css'

createApp(App).use(createPinia()).mount('#app')
